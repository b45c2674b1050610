# MUTANT: prompts cached by instruction + input joined: ('ab', '') and ('a', 'b') share a key
_seen = {}


def format_input_phi3(entry):
    key = entry["instruction"] + entry["input"]
    if key not in _seen:
        input_text = f"\n{entry['input']}" if entry["input"] else ""
        _seen[key] = f"<|user|>\n{entry['instruction']}" + input_text
    return _seen[key]


EXPECTED_CAUSE = "join to the same text"
