"""The app as uvicorn's worker processes build it: ``fazhi serve`` puts its options in the
environment (``FAZHI_WEB_*``) and names :func:`app` as the factory, so one worker or several
run the same configuration."""

from __future__ import annotations

import os

from fastapi import FastAPI

from fazhi.web.app import create_app

ENV_DB = "FAZHI_WEB_DB"
ENV_DATA = "FAZHI_WEB_DATA"
ENV_PUBLIC = "FAZHI_WEB_PUBLIC"
ENV_FILE_MB = "FAZHI_WEB_MAX_UPLOAD_MB"
ENV_REQUEST_MB = "FAZHI_WEB_MAX_REQUEST_MB"
ENV_SECURE = "FAZHI_WEB_SECURE_COOKIES"


def app() -> FastAPI:
    return create_app(
        os.environ.get(ENV_DB) or None,
        os.environ.get(ENV_DATA, "fazhi-data"),
        public=os.environ.get(ENV_PUBLIC) == "1",
        max_upload_mb=float(os.environ.get(ENV_FILE_MB, "20")),
        max_request_mb=float(os.environ.get(ENV_REQUEST_MB, "200")),
        secure_cookies=os.environ.get(ENV_SECURE) == "1",
        warm=True,
    )
