# MUTANT: a dash or a lower-case "n/a" input treated as no input (a list of placeholders)
PRE = ("Below is an instruction that describes a task. "
       "Write a response that appropriately completes the request.")


def format_input(entry):
    text = PRE + f"\n\n### Instruction:\n{entry['instruction']}"
    if entry["input"] not in ("", "-", "n/a"):
        text += f"\n\n### Input:\n{entry['input']}"
    return text

EXPECTED_CAUSE = "it is this input's text, not its length"
