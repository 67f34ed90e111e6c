"""Copy the project's own files into the package when it is built for a plain `pip install .`."""

import shutil
from pathlib import Path

from setuptools import setup
from setuptools.command.build_py import build_py

# What the generator reads beside build_docs/ (build_docs/paths.py finds them here once installed).
PROJECT_FILES = ("templates", "overrides", "mkdocs.yml", "mkdocs.zh-Hant.yml", "mkdocs.offline.yml", "mkdocs.offline.zh-Hant.yml")


class BuildWithProjectFiles(build_py):
    """Build the package with templates, theme overrides and MkDocs configurations inside it."""

    def run(self) -> None:
        """Build as usual, then copy the project files under build_docs/_project/."""
        super().run()
        if getattr(self, "editable_mode", False):
            return  # an editable install reads them from the checkout
        target = Path(self.build_lib) / "build_docs" / "_project"
        for name in PROJECT_FILES:
            source = Path(name)
            if source.is_dir():
                shutil.copytree(source, target / name, dirs_exist_ok=True)
            else:
                target.mkdir(parents=True, exist_ok=True)
                shutil.copy2(source, target / name)


setup(cmdclass={"build_py": BuildWithProjectFiles})
