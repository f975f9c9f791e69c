"""The web application: a supervising office's dashboard, reports read with their evidence,
compare tables, search, uploads, and the same data as a REST API (``/api/v1``).

``create_app(db_url, data_dir, public=..., max_upload_mb=...)`` builds it; ``fazhi serve`` runs it.
"""

from fazhi.web.app import create_app

__all__ = ["create_app"]
