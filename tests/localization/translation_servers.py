"""Fake machine-translation servers on loopback for the tests (never the internet): a tiny
``http.server`` in a thread speaking LibreTranslate's ``POST /translate`` and DeepL's
``POST /v2/translate`` and ``POST /v2/glossaries``, answering from a dictionary of translations
(``[bg] `` before anything it does not know) and keeping what it was sent."""

import json
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs

from tests.ports import free_port


class FakeTranslationServer:
    def __init__(self, translations=None, api_key=""):
        self.translations = dict(translations or {})
        self.api_key = api_key
        self.received = []  # (path, body as read)
        self.glossaries = {}  # id -> the form DeepL was sent

    def translate(self, text):
        return self.translations.get(text, f"[bg] {text}")

    def __enter__(self):
        server = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args):
                pass

            def do_POST(self):
                body = self.rfile.read(int(self.headers.get("Content-Length", 0))).decode()
                if self.path == "/translate":
                    payload = json.loads(body)
                    server.received.append((self.path, payload))
                    if payload.get("api_key", "") != server.api_key:
                        return self.answer(403, {"error": "Invalid API key"})
                    texts = payload["q"]
                    translated = (
                        [server.translate(text) for text in texts]
                        if isinstance(texts, list)
                        else server.translate(texts)
                    )
                    return self.answer(200, {"translatedText": translated})
                form = parse_qs(body)
                server.received.append((self.path, form))
                if not self.headers.get("Authorization", "").startswith("DeepL-Auth-Key "):
                    return self.answer(403, {"message": "Forbidden"})
                if self.path == "/v2/translate":
                    texts = [{"text": server.translate(text)} for text in form["text"]]
                    return self.answer(200, {"translations": texts})
                if self.path == "/v2/glossaries":
                    glossary_id = f"glossary-{len(server.glossaries) + 1}"
                    server.glossaries[glossary_id] = form
                    return self.answer(201, {"glossary_id": glossary_id, "ready": True})
                return self.answer(404, {"message": "Not found"})

            def answer(self, status, data):
                content = json.dumps(data).encode()
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(content)))
                self.end_headers()
                self.wfile.write(content)

        self.httpd = ThreadingHTTPServer(("127.0.0.1", free_port()), Handler)
        self.url = f"http://127.0.0.1:{self.httpd.server_address[1]}"
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)
        self.thread.start()
        return self

    def __exit__(self, *exc_info):
        self.httpd.shutdown()
        self.httpd.server_close()
        self.thread.join()
