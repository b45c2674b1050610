# MUTANT: the input written through json.dumps (quotes, newlines and non-ASCII escaped)
import json


def format_input(entry):
    prompt = (
        "Below is an instruction that describes a task. "
        "Write a response that appropriately completes the request."
        f"\n\n### Instruction:\n{entry['instruction']}"
    )
    if entry["input"]:
        prompt += "\n\n### Input:\n" + json.dumps(entry["input"])[1:-1]
    return prompt


EXPECTED_CAUSE = "written escaped, as a string literal (json.dumps"
