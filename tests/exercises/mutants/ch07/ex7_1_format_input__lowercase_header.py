# MUTANT: the header written "### instruction:" in lower case
PRE = ("Below is an instruction that describes a task. "
       "Write a response that appropriately completes the request.")


def format_input(entry):
    text = PRE + f"\n\n### instruction:\n{entry['instruction']}"
    if entry["input"]:
        text += f"\n\n### Input:\n{entry['input']}"
    return text


EXPECTED_CAUSE = 'only in upper/lower case'
