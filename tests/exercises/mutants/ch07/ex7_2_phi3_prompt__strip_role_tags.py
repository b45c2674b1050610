# MUTANT: chat tags such as "<|user|>" inside the record's text are removed ("sanitised")
import re

_TAG = re.compile(r"<\|[a-z_]+\|>")


def format_input_phi3(entry):
    instruction = _TAG.sub("", entry["instruction"])
    text_input = _TAG.sub("", entry["input"])
    input_text = f"\n{text_input}" if entry["input"] else ""
    return f"<|user|>\n{instruction}" + input_text


EXPECTED_CAUSE = "chat tags inside the record's text"
