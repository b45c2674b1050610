# MUTANT: prompts cached by hash(instruction) ^ hash(input), a key blind to which text is which
"""A wrong answer kept by round 46 (writer p)."""

EXPECTED_CAUSE = "keeps state between calls"

_CACHE = {}


def format_input_phi3(entry):
    key = hash(entry["instruction"]) ^ hash(entry["input"])
    if key not in _CACHE:
        input_text = f"\n{entry['input']}" if entry["input"] else ""
        _CACHE[key] = f"<|user|>\n{entry['instruction']}" + input_text
    return _CACHE[key]
