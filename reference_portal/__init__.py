"""The bundled reference portal: a small Django site that behaves like a documented city portal."""
