"""The web face: `kneecheck serve`. Pages and the HTTP API call the same core as the CLI."""

from kneecheck.web._app import create_app
from kneecheck.web._settings import Settings, UnsafeBinding, check_binding

__all__ = ["Settings", "UnsafeBinding", "check_binding", "create_app"]
