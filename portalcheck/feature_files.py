"""Feature files run as they are: a city's own `.feature` file needs no Python beside it.

pytest-bdd binds scenarios to tests from a Python module calling `scenarios()`. Here a
`.feature` file is collected directly, as a module of its own whose tests are its scenarios,
written in the shared step vocabulary the plugin loads. A folder that already binds its
features in a test module (the bundled `portalcheck/features/`) keeps doing so: a feature file there is
left to that module, so nothing runs twice.
"""

from __future__ import annotations

import types
from pathlib import Path

import pytest


def bound_elsewhere(path: Path) -> bool:
    """Whether a test module in the file's folder or above binds features with pytest-bdd's
    scenarios() (as portalcheck/features/test_*.py do for the bundled features)."""
    return any(binding_modules(folder) for folder in path.resolve().parents)


def binding_modules(folder: Path) -> list[Path]:
    found = []
    for module in folder.glob("test_*.py"):
        try:
            if "scenarios(" in module.read_text(encoding="utf-8", errors="replace"):
                found.append(module)
        except OSError:
            continue
    return found


class FeatureFile(pytest.Module):
    """A .feature file seen as a test module: one test per scenario (and per example)."""

    def _getobj(self) -> types.ModuleType:
        module = types.ModuleType(f"feature_{abs(hash(str(self.path)))}")
        module.__file__ = str(self.path)
        # scenarios() binds into the module it is called from: call it from this one.
        code = compile(f"from pytest_bdd import scenarios\nscenarios({str(self.path)!r})\n", str(self.path), "exec")
        exec(code, module.__dict__)
        return module


def pytest_collect_file(parent: pytest.Collector, file_path: Path) -> pytest.Collector | None:
    if file_path.suffix == ".feature" and not bound_elsewhere(file_path):
        return FeatureFile.from_parent(parent, path=file_path)
    return None
