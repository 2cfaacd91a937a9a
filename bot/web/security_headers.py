"""The headers every answer of the web server carries: the dashboard's Content-Security-Policy
(who may frame it included), no referrer, no MIME sniffing, no caching.

The pages set them themselves; `SecurityHeaders` adds whichever an answer lacks, so Starlette's
own 404 and 405, and a refusal made before any route runs, carry them too.
"""

from __future__ import annotations

from starlette.datastructures import MutableHeaders
from starlette.types import ASGIApp, Message, Receive, Scope, Send

# Telegram's script for Mini Apps, which the page loads inside Telegram (mini_app.html).
TELEGRAM_WEB_APP_JS = "https://telegram.org/js/telegram-web-app.js"
# Telegram's web clients (Web A at /a/, Web K at /k/) open a Mini App in an iframe of this
# origin; the desktop and mobile apps open it in a web view of their own, which no
# frame-ancestors concerns. Source: telegram-web-app.js, which obeys `set_custom_style` only
# from `event.origin === 'https://web.telegram.org'`, and Telegram Web A (Ajaxy/telegram-tt,
# src/components/modals/webApp/hooks/useWebAppFrame.ts), the client that sends it. The
# *.web.telegram.org hosts (venus, flora, …) are MTProto transports, not pages that frame.
TELEGRAM_WEB_CLIENTS = "https://web.telegram.org"

# Everything the pages use comes from the dashboard itself, except Telegram's script: no
# inline script or style (they are files under bot/texts/static), no plugin, no frame.
# Telegram Web's optional scrollbar style, which telegram-web-app.js writes into a <style>
# element, is refused with the rest: the Mini App works without it.
# X-Frame-Options is not sent: it cannot name web.telegram.org, and browsers that know
# frame-ancestors ignore it anyway (CSP Level 2, "frame-ancestors").
CONTENT_SECURITY_POLICY = "; ".join((
    "default-src 'none'",
    f"script-src 'self' {TELEGRAM_WEB_APP_JS}",
    "style-src 'self'",
    "img-src 'self'",
    "connect-src 'self'",  # the Mini App fetches pages and forms with Telegram's data
    "form-action 'self'",
    "base-uri 'none'",
    f"frame-ancestors {TELEGRAM_WEB_CLIENTS}",
))

SECURITY_HEADERS = {
    "Content-Security-Policy": CONTENT_SECURITY_POLICY,
    "Referrer-Policy": "no-referrer",
    "X-Content-Type-Options": "nosniff",
}
# Pages show who is late and what a unit wrote: nothing is kept by the browser or a proxy.
NO_CACHE = {"Cache-Control": "no-store"}


class SecurityHeaders:
    """ASGI middleware: every HTTP answer gets SECURITY_HEADERS and NO_CACHE where it does
    not set them itself (the dashboard's files set their own caching)."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = MutableHeaders(scope=message)
                for name, value in {**SECURITY_HEADERS, **NO_CACHE}.items():
                    headers.setdefault(name, value)
            await send(message)

        await self.app(scope, receive, send_with_headers)
