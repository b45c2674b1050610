# MUTANT: prompts cached by hash(instruction) ^ hash(input), a key blind to which text is which
"""A wrong answer kept by round 46 (writer p)."""

EXPECTED_CAUSE = "keeps state between calls"

_CACHE = {}


def format_input(entry):
    key = hash(entry["instruction"]) ^ hash(entry["input"])
    if key in _CACHE:
        return _CACHE[key]
    instruction_text = (
        "Below is an instruction that describes a task. "
        "Write a response that appropriately completes the request."
        f"\n\n### Instruction:\n{entry['instruction']}"
    )
    input_text = f"\n\n### Input:\n{entry['input']}" if entry["input"] else ""
    _CACHE[key] = instruction_text + input_text
    return _CACHE[key]
