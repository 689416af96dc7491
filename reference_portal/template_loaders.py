"""A template loader that looks in the edition's template folder first, chosen per request."""

from __future__ import annotations

from pathlib import Path

from django.template.loaders.cached import Loader as CachedLoader
from django.template.loaders.filesystem import Loader as FilesystemLoader

from reference_portal.editions import current_edition

TEMPLATES_DIR = Path(__file__).resolve().parent / "templates"


class EditionLoader(FilesystemLoader):
    """templates/<edition>/ then templates/common/.

    Read from settings.PORTAL_EDITION at lookup time rather than fixed in TEMPLATES at import,
    so the tests can render both editions in one process with override_settings.
    """

    def get_dirs(self):
        return [TEMPLATES_DIR / current_edition().template_dir, TEMPLATES_DIR / "common"]


class CachedPerEdition(CachedLoader):
    """Django's cached loader, with the edition in the key: one process may serve both."""

    def cache_key(self, template_name, skip=None):
        return f"{current_edition().template_dir}:{super().cache_key(template_name, skip)}"
