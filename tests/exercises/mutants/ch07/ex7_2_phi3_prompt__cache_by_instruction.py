# MUTANT: prompts cached by instruction text (a dict kept between calls): another input with the
#   same instruction gets the earlier prompt
_cache = {}


def format_input_phi3(entry):
    if entry["instruction"] not in _cache:
        input_text = f"\n{entry['input']}" if entry["input"] else ""
        _cache[entry["instruction"]] = f"<|user|>\n{entry['instruction']}" + input_text
    return _cache[entry["instruction"]]


EXPECTED_CAUSE = 'keeps state between calls'
