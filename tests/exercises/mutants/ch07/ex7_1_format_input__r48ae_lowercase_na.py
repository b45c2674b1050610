# MUTANT: lower-case placeholders "n/a" and "none" treated as no input
PRE = ("Below is an instruction that describes a task. "
       "Write a response that appropriately completes the request.")


def format_input(entry):
    text = PRE + f"\n\n### Instruction:\n{entry['instruction']}"
    if entry["input"] not in ("", "n/a", "none"):
        text += f"\n\n### Input:\n{entry['input']}"
    return text

EXPECTED_CAUSE = "yours treats this input as none"
