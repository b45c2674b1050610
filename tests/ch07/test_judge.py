"""The judge client (query_model, generate_model_scores) against a loopback Ollama stand-in.

Ollama cannot be installed here, so each test starts a small HTTP server on 127.0.0.1 in a
thread that speaks the part of Ollama's chat API we use: ``POST /api/chat`` with a JSON body
``{"model", "messages", "options", "stream"}``, answered with JSON lines
``{"message": {"role": "assistant", "content": ...}, "done": false}`` ending with
``"done": true`` when streaming, or one JSON object when not.
"""

from __future__ import annotations

import http.server
import json
import socket
import threading
import time

import pytest

from llmscratch.evaluation import (
    JudgeError,
    JudgeScores,
    JudgeUnavailableError,
    generate_model_scores,
    query_model,
)
from llmscratch.instruction import format_input


class FakeOllama:
    """A loopback server; ``reply(body) -> str | bytes | (status, str) | None`` decides each
    answer (bytes: a raw body; None: sleep past the client's timeout). Every request body is
    kept in ``requests``."""

    def __init__(self, reply, sleep=0.0):
        self.requests = []
        outer = self

        class Handler(http.server.BaseHTTPRequestHandler):
            def do_POST(self):
                length = int(self.headers["Content-Length"])
                body = json.loads(self.rfile.read(length))
                outer.requests.append((self.path, body))
                answer = reply(body)
                if answer is None:
                    time.sleep(sleep)
                    answer = "late"
                status, text = answer if isinstance(answer, tuple) else (200, answer)
                if isinstance(text, bytes):  # a raw body, sent as it is
                    payload = text
                elif status != 200:
                    payload = json.dumps({"error": text}).encode()
                elif body.get("stream", True):
                    chunks = [text[i : i + 2] for i in range(0, len(text), 2)]
                    lines = [{"model": body["model"], "message": {"role": "assistant",
                                                                  "content": c}, "done": False}
                             for c in chunks]
                    lines.append({"model": body["model"], "message": {"role": "assistant",
                                                                      "content": ""},
                                  "done": True})
                    payload = "".join(json.dumps(x) + "\n" for x in lines).encode()
                else:
                    payload = json.dumps({"model": body["model"], "message": {
                        "role": "assistant", "content": text}, "done": True}).encode()
                try:
                    self.send_response(status)
                    self.send_header("Content-Type", "application/x-ndjson")
                    self.send_header("Content-Length", str(len(payload)))
                    self.end_headers()
                    self.wfile.write(payload)
                except (BrokenPipeError, ConnectionResetError):
                    pass  # the client gave up (timeout test)

            def log_message(self, *args):
                pass

        self.server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}/api/chat"

    def __enter__(self):
        threading.Thread(target=self.server.serve_forever, args=(0.02,), daemon=True).start()
        return self

    def __exit__(self, *exc):
        self.server.shutdown()
        self.server.server_close()


def _free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.mark.parametrize("stream", [True, False])
def test_query_model_normal_reply(stream):
    with FakeOllama(lambda body: "The answer is 42.") as server:
        reply = query_model("What is 6 x 7?", model="llama3", url=server.url, stream=stream)
    # Invariant: the streamed chunks (or the single reply) are joined into the full text.
    assert reply == "The answer is 42."
    path, body = server.requests[0]
    # Invariant: the request is Ollama's chat format, deterministic options, one user message.
    assert path == "/api/chat"
    assert body["model"] == "llama3" and body["stream"] is stream
    assert body["messages"] == [{"role": "user", "content": "What is 6 x 7?"}]
    assert body["options"] == {"seed": 123, "temperature": 0, "num_ctx": 2048}


def test_server_not_running_gives_a_clear_message():
    url = f"http://127.0.0.1:{_free_port()}/api/chat"
    start = time.perf_counter()
    with pytest.raises(JudgeUnavailableError) as info:
        query_model("hi", url=url, retries=3, retry_delay=5.0)
    message = str(info.value)
    # Invariant: the message says where nobody answered and how to start Ollama or go offline.
    assert url in message and "ollama serve" in message and "rougeL" in message
    # Invariant: a refused connection is not retried (no server will appear by waiting).
    assert time.perf_counter() - start < 2.0


def test_timeout_is_retried_then_reported():
    with FakeOllama(lambda body: None, sleep=1.0) as server:
        with pytest.raises(JudgeError, match="2 time") as info:
            query_model("hi", url=server.url, timeout=0.2, retries=1, retry_delay=0.01)
    # Invariant: each try waited at most `timeout`, and there were retries + 1 tries.
    assert len(server.requests) == 2
    assert "0.2 s" in str(info.value) or "timed out" in str(info.value)


def test_server_errors_are_retried():
    answers = iter([(500, "overloaded"), (503, "busy"), "85"])
    with FakeOllama(lambda body: next(answers)) as server:
        reply = query_model("score", url=server.url, retries=2, retry_delay=0.01)
    # Invariant: 5xx answers are transient: retried until a good reply arrives.
    assert reply == "85" and len(server.requests) == 3


def test_unknown_model_is_not_retried():
    with FakeOllama(lambda body: (404, f"model '{body['model']}' not found")) as server:
        with pytest.raises(JudgeError, match="ollama pull llama3"):
            query_model("score", url=server.url, retries=3, retry_delay=0.01)
    # Invariant: a 4xx answer is final, and the message says how to get the model.
    assert len(server.requests) == 1


def test_error_line_in_a_200_reply_is_reported():
    raw = (json.dumps({"message": {"role": "assistant", "content": "4"}, "done": False}) + "\n"
           + json.dumps({"error": "out of memory"}) + "\n").encode()
    with FakeOllama(lambda body: raw) as server:
        # Invariant: an error reported inside a streamed reply is raised, not returned as text.
        with pytest.raises(JudgeError, match="out of memory"):
            query_model("x", url=server.url, retries=0)


def test_generate_model_scores_counts_non_numeric_replies():
    entries = [
        {"instruction": "Add 2 and 2.", "input": "", "output": "4", "model_response": "4"},
        {"instruction": "Spell cat.", "input": "", "output": "cat", "model_response": "kat"},
        {"instruction": "Say hi.", "input": "", "output": "Hi", "model_response": "Bye"},
        {"instruction": "Name a fruit.", "input": "", "output": "Apple", "model_response": "Pear"},
    ]
    replies = {"4": "100", "kat": "Score: 40.", "Bye": "I cannot rate this.", "Pear": "70"}

    def reply(body):
        prompt = body["messages"][0]["content"]
        return next(v for k, v in replies.items() if f"model response `{k}`" in prompt)

    with FakeOllama(reply) as server:
        with pytest.warns(UserWarning, match="1 of 4 judge replies"):
            scores = generate_model_scores(entries, "model_response", url=server.url,
                                           progress=False)
    # Invariant: numeric replies become scores, in order; the others are counted and kept.
    assert isinstance(scores, JudgeScores) and list(scores) == [100, 40, 70]
    assert scores.unparsed == [(2, "I cannot rate this.")]
    # Invariant: the judge sees the formatted prompt, the reference output and the response.
    prompt = server.requests[1][1]["messages"][0]["content"]
    assert format_input(entries[1]) in prompt and "`cat`" in prompt and "`kat`" in prompt
    assert "0 to 100" in prompt
