"""Chapter 7, §7.8: scoring a finetuned model's answers.

- ``query_model``, ``generate_model_scores``: a judge model served by Ollama gives each answer a
  score from 0 to 100 (``parse_score`` reads the number out of its reply)
- ``rouge_l_score``, ``generate_rouge_scores``: ROUGE-L, an offline metric that needs no server
  (our own implementation: longest common subsequence of lowercase words)

Difference from the book: the judge client has timeouts, retries, a clear message when no
server runs (``JudgeUnavailableError``), and counts the replies that are not a number
(``JudgeScores.unparsed``) instead of only printing them.

Book: §7.8; notebook: ``ch07_instruction/ch07.ipynb``. Run the tests with
``python -m pytest tests/ch07/test_judge.py tests/ch07/test_instruction.py -q``.
"""

from __future__ import annotations

import http.client
import json
import re
import time
import urllib.error
import urllib.request
import warnings

from llmscratch.instruction import format_input

# --- evaluation with a judge model (Ollama) ---------------------------------------------------

OLLAMA_CHAT_URL = "http://localhost:11434/api/chat"


class JudgeError(RuntimeError):
    """The judge server answered with an error, or not at all within the retries."""


class JudgeUnavailableError(JudgeError):
    """No server listens at the judge URL (Ollama is not running)."""


def _read_chat_reply(body):
    """Join the ``message.content`` of a streamed (JSON lines) or single JSON chat reply."""
    lines = [line for line in body.splitlines() if line.strip()]
    try:
        chunks = [json.loads(line) for line in lines]
    except json.JSONDecodeError:
        chunks = [json.loads(body)]  # one JSON object spread over several lines
    if chunks and "error" in chunks[-1]:
        raise JudgeError(f"the judge server reported an error: {chunks[-1]['error']}")
    return "".join(c.get("message", {}).get("content", "") for c in chunks)


def query_model(prompt, model="llama3", url=OLLAMA_CHAT_URL, timeout=120.0, retries=2,
                retry_delay=1.0, stream=True, options=None):
    """Send ``prompt`` to a chat model behind Ollama's ``POST /api/chat``; return its reply text.

    Deterministic by default (``options={"seed": 123, "temperature": 0, "num_ctx": 2048}``).
    Timeouts, dropped connections and 5xx answers are retried ``retries`` times, waiting
    ``retry_delay`` seconds and doubling; a refused connection raises ``JudgeUnavailableError``
    at once with how to start Ollama; other failures raise ``JudgeError``.

    Book: §7.8; notebook: ch07_instruction/ch07.ipynb
    """
    data = {
        "model": model,
        "messages": [{"role": "user", "content": prompt}],
        "options": options or {"seed": 123, "temperature": 0, "num_ctx": 2048},
        "stream": stream,
    }
    request = urllib.request.Request(
        url, data=json.dumps(data).encode("utf-8"), method="POST",
        headers={"Content-Type": "application/json"},
    )
    problem = ""
    for attempt in range(retries + 1):
        if attempt:
            time.sleep(retry_delay * 2 ** (attempt - 1))
        try:
            with urllib.request.urlopen(request, timeout=timeout) as response:
                return _read_chat_reply(response.read().decode("utf-8"))
        except urllib.error.HTTPError as err:
            detail = err.read().decode("utf-8", "replace")[:300]
            problem = f"HTTP {err.code}: {detail}"
            if err.code < 500:  # a bad request or an unknown model: retrying will not help
                raise JudgeError(
                    f"the judge server at {url} answered {problem} (is the model pulled? "
                    f"`ollama pull {model}`)"
                ) from err
        except urllib.error.URLError as err:
            if isinstance(err.reason, ConnectionRefusedError):
                raise JudgeUnavailableError(
                    f"No judge server answers at {url}. Start Ollama (`ollama serve`, then "
                    f"`ollama pull {model}`), pass the right url, or use the offline metric "
                    "(rouge_l_score / evaluate_responses.py --metric rougeL)."
                ) from err
            problem = f"connection failed: {err.reason}"
        except TimeoutError:
            problem = f"no complete answer within {timeout} s"
        except (ConnectionError, http.client.HTTPException, json.JSONDecodeError) as err:
            problem = f"broken reply: {err}"
    raise JudgeError(f"the judge at {url} failed {retries + 1} time(s); last: {problem}")


class JudgeScores(list):
    """The 0-100 scores that could be read (a plain list, as in the book), plus ``unparsed``:
    ``(record index, reply)`` for every reply that was not a single number from 0 to 100."""

    def __init__(self, scores=(), unparsed=()):
        super().__init__(scores)
        self.unparsed = list(unparsed)


def parse_score(reply):
    """The score in a judge reply, or None: ``"85"`` -> 85, ``"Score: 85."`` -> 85; replies
    with no number, several numbers or a number outside 0-100 give None.

    Book: §7.8 (the book calls ``int(reply)``); notebook: ch07_instruction/ch07.ipynb
    """
    numbers = re.findall(r"\d+(?:\.\d+)?", reply)
    if len(numbers) != 1 or not 0 <= float(numbers[0]) <= 100:
        return None
    value = float(numbers[0])
    return int(value) if value.is_integer() else value


def generate_model_scores(json_data, json_key, model="llama3", url=OLLAMA_CHAT_URL,
                          progress=True, **query_kwargs):
    """Ask the judge to score ``entry[json_key]`` against ``entry["output"]`` for every record.

    Returns a ``JudgeScores`` list; replies that are not a number are left out, kept in
    ``.unparsed`` and summed up in one warning. ``query_kwargs`` go to ``query_model``.

    Book: §7.8; notebook: ch07_instruction/ch07.ipynb
    """
    from tqdm.auto import tqdm

    scores = JudgeScores()
    for i, entry in enumerate(tqdm(json_data, desc="Scoring entries", disable=not progress)):
        prompt = (
            f"Given the input `{format_input(entry)}` "
            f"and correct output `{entry['output']}`, "
            f"score the model response `{entry[json_key]}`"
            " on a scale from 0 to 100, where 100 is the best score. "
            "Respond with the integer number only."
        )
        reply = query_model(prompt, model=model, url=url, **query_kwargs)
        score = parse_score(reply)
        if score is None:
            scores.unparsed.append((i, reply))
        else:
            scores.append(score)
    if scores.unparsed:
        warnings.warn(
            f"{len(scores.unparsed)} of {len(json_data)} judge replies were not a number from "
            f"0 to 100 and were left out (first: {scores.unparsed[0][1]!r:.80})", stacklevel=2,
        )
    return scores


# --- an offline metric: ROUGE-L ---------------------------------------------------------------


def _rouge_tokens(text):
    return re.findall(r"[a-z0-9]+", text.lower())


def _lcs_length(a, b):
    """Length of the longest common subsequence of two token lists (dynamic programming)."""
    previous = [0] * (len(b) + 1)
    for token_a in a:
        current = [0]
        for j, token_b in enumerate(b, start=1):
            if token_a == token_b:
                current.append(previous[j - 1] + 1)
            else:
                current.append(max(previous[j], current[-1]))
        previous = current
    return previous[-1]


def rouge_l_score(candidate, reference):
    """ROUGE-L F1 (0-1) between two texts: the longest common subsequence of their words.

    Words are lower-cased runs of letters and digits. With ``lcs`` the common-subsequence
    length, precision = lcs / len(candidate), recall = lcs / len(reference), F1 their harmonic
    mean. ``rouge_l_score("the cat sat", "the cat sat down")`` = 2 * 1 * 0.75 / 1.75 = 0.857.

    Notebook: ch07_instruction/ch07.ipynb (our addition: a judge-free score)
    """
    cand, ref = _rouge_tokens(candidate), _rouge_tokens(reference)
    lcs = _lcs_length(cand, ref)
    if lcs == 0:
        return 0.0
    precision, recall = lcs / len(cand), lcs / len(ref)
    return 2 * precision * recall / (precision + recall)


def generate_rouge_scores(json_data, json_key, reference_key="output"):
    """ROUGE-L F1 scores on the book's 0-100 scale, one per record: ``json_key`` vs ``output``."""
    return [100 * rouge_l_score(e[json_key], e[reference_key]) for e in json_data]
