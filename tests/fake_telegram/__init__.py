"""A fake Telegram Bot API for offline end-to-end tests and benchmarks (see README.md)."""

from tests.fake_telegram.fake import (
    DEFAULT_TOKEN,
    INPROCESS_BASE_FILE_URL,
    INPROCESS_BASE_URL,
    FakeTelegram,
)
from tests.fake_telegram.faults import DroppedConnection, FaultRule
from tests.fake_telegram.models import (
    ApiCall,
    CallbackAnswer,
    FakeChat,
    FakeUser,
    LoggedMessage,
    StoredFile,
)
from tests.fake_telegram.ratelimit import ManualClock, RateLimitHit, RateLimits
from tests.fake_telegram.registry import implemented_method_names
from tests.fake_telegram.serving import (
    file_base_url,
    inprocess_application_builder,
    inprocess_bot,
    inprocess_request,
    serve_with_uvicorn,
)
from tests.fake_telegram.transport import InProcessTransport

__all__ = [
    "DEFAULT_TOKEN",
    "INPROCESS_BASE_FILE_URL",
    "INPROCESS_BASE_URL",
    "ApiCall",
    "CallbackAnswer",
    "DroppedConnection",
    "FakeChat",
    "FakeTelegram",
    "FakeUser",
    "FaultRule",
    "InProcessTransport",
    "LoggedMessage",
    "ManualClock",
    "RateLimitHit",
    "RateLimits",
    "StoredFile",
    "file_base_url",
    "implemented_method_names",
    "inprocess_application_builder",
    "inprocess_bot",
    "inprocess_request",
    "serve_with_uvicorn",
]
