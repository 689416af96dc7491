"""pytest-bdd step definitions: the shared vocabulary the features are written in.

Each module is loaded as a pytest plugin from the root conftest.py, which is where pytest-bdd
looks for step definitions.
"""
