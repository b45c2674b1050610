# MUTANT: prompts cached by instruction text (a dict kept between calls): a record with the same
#   instruction but another input gets the earlier record's prompt
_PROMPTS = {}


def format_input(entry):
    key = entry["instruction"]
    if key not in _PROMPTS:
        text = (
            "Below is an instruction that describes a task. "
            "Write a response that appropriately completes the request."
            f"\n\n### Instruction:\n{entry['instruction']}"
        )
        if entry["input"]:
            text += f"\n\n### Input:\n{entry['input']}"
        _PROMPTS[key] = text
    return _PROMPTS[key]


EXPECTED_CAUSE = 'keeps state between calls'
