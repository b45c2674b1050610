# MUTANT: prompts cached by instruction + input joined: ('ab', '') and ('a', 'b') share a key
_cache = {}


def format_input(entry):
    key = entry["instruction"] + entry["input"]
    if key in _cache:
        return _cache[key]
    prompt = (
        "Below is an instruction that describes a task. "
        "Write a response that appropriately completes the request."
        f"\n\n### Instruction:\n{entry['instruction']}"
    )
    if entry["input"]:
        prompt += f"\n\n### Input:\n{entry['input']}"
    _cache[key] = prompt
    return prompt


EXPECTED_CAUSE = "join to the same text"
