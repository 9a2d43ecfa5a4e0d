"""The project around a build: the committed ``mkdocs.yml`` and the folders it names."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

CONFIG_NAME = "mkdocs.yml"


class _TolerantLoader(yaml.SafeLoader):
    """Reads a site config that may hold tags meant for the engine (``!!python/name:``)."""


def _env(loader: yaml.SafeLoader, node: yaml.Node) -> str | None:
    """MkDocs' ``!ENV NAME`` or ``!ENV [NAME, ..., default]``: the first variable that is set."""
    if isinstance(node, yaml.ScalarNode):
        names, default = [loader.construct_scalar(node)], None
    else:
        *names, default = [loader.construct_scalar(n) for n in node.value]
    return next((os.environ[str(n)] for n in names if n in os.environ), default)


_TolerantLoader.add_constructor("!ENV", _env)
_TolerantLoader.add_multi_constructor("", lambda loader, suffix, node: None)


OFFLINE_SHIM = "assets/findings/vendor/iframe-worker-shim.js"
#: Set to ``1`` by the deploy workflow: the offline edition's zip will be added to the site.
OFFLINE_ZIP_SWITCH = "FINDINGS_OFFLINE_ZIP"


@dataclass(frozen=True)
class Project:
    """The committed site config; ``offline`` builds the edition that opens from ``file://``."""

    config_file: Path
    settings: dict[str, Any]
    offline: bool = False

    @property
    def root(self) -> Path:
        return self.config_file.parent

    @property
    def content_dir(self) -> Path:
        return self.root / str(self.settings.get("docs_dir", "content"))

    @property
    def overrides_dir(self) -> Path:
        theme = self.settings.get("theme") or {}
        custom = theme.get("custom_dir", "overrides") if isinstance(theme, dict) else "overrides"
        return self.root / str(custom)

    @property
    def site_url(self) -> str:
        return str(self.settings.get("site_url") or "")

    @property
    def directory_urls(self) -> bool:
        return not self.offline and bool(self.settings.get("use_directory_urls", True))

    @property
    def offline_zip(self) -> bool:
        """Whether the offline edition's zip will be beside this site: the deploy workflow
        says so (``FINDINGS_OFFLINE_ZIP=1``) when it builds the site it adds the zip to; the
        offline edition never holds itself."""
        return not self.offline and os.environ.get(OFFLINE_ZIP_SWITCH) == "1"

    def offline_settings(self) -> dict[str, Any]:
        """What the offline edition changes: Material's offline plugin (file:// links, search
        index inlined), with its helper script shipped rather than fetched from a CDN."""
        if not self.offline:
            return {}
        plugins = list(self.settings.get("plugins") or ["search"])
        extra = self.settings.get("extra") or {}
        return {
            "use_directory_urls": False,
            "plugins": [*plugins, "offline"],
            "extra": {"polyfills": [*extra.get("polyfills", []), OFFLINE_SHIM]},
        }


class ConfigError(Exception):
    """The site config cannot be used: wrong usage (exit 2), one line."""


def find_config(explicit: str | None) -> Path | None:
    """The site config: as given, else ``./mkdocs.yml``, else the one this package came with."""
    if explicit is not None:
        path = Path(explicit)
        if explicit and path.is_dir():
            raise ConfigError(f"site config '{explicit}' is a folder, not a file")
        return path if explicit and path.is_file() else None
    for candidate in (Path.cwd() / CONFIG_NAME, Path(__file__).resolve().parents[2] / CONFIG_NAME):
        if candidate.is_file():
            return candidate
    return None


def load_project(config_file: Path, offline: bool = False) -> Project:
    """The project of a site config; raises :class:`ConfigError` for one that cannot be read
    or is not a YAML mapping."""
    shown = f"site config '{config_file}'"
    try:
        settings = yaml.load(config_file.read_text(encoding="utf-8"), Loader=_TolerantLoader)
    except OSError as err:
        raise ConfigError(f"{shown} cannot be read: {err.strerror}") from None
    except UnicodeDecodeError:
        raise ConfigError(f"{shown}: expected UTF-8 text, found other bytes") from None
    except yaml.MarkedYAMLError as err:
        mark = err.problem_mark or err.context_mark
        where = f" at line {mark.line + 1}, column {mark.column + 1}" if mark else ""
        raise ConfigError(f"{shown}: invalid YAML{where} ({err.problem})") from None
    except yaml.YAMLError:
        raise ConfigError(f"{shown}: expected valid YAML") from None
    if settings is not None and not isinstance(settings, dict):
        raise ConfigError(f"{shown}: expected a mapping of settings, found a "
                          f"{type(settings).__name__}")
    return Project(config_file.resolve(), settings or {}, offline)
