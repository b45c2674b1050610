# MUTANT: a prompt cache keyed by id(entry): a new dict that reuses a freed id gets an old prompt
_cache = {}


def format_input(entry):
    key = id(entry)
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


EXPECTED_CAUSE = "keeps state between calls"
