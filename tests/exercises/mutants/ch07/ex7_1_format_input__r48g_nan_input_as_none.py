# MUTANT: an input 'nan' (what pandas writes for a missing cell) or 'null' taken as no input,
# so its Input section is left out
EXPECTED_CAUSE = "'nan', the text pandas writes"

PREAMBLE = ("Below is an instruction that describes a task. "
            "Write a response that appropriately completes the request.")


def format_input(entry):
    prompt = PREAMBLE + f"\n\n### Instruction:\n{entry['instruction']}"
    text = entry["input"]
    if text and text.lower() not in ("nan", "null"):
        prompt += f"\n\n### Input:\n{text}"
    return prompt
