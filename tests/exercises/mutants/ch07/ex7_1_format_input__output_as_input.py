# MUTANT: the Input section shows entry['output'] instead of entry['input'] (copy-paste slip)
def format_input(entry):
    text = ("Below is an instruction that describes a task. "
            "Write a response that appropriately completes the request."
            f"\n\n### Instruction:\n{entry['instruction']}")
    if entry["input"]:
        text += f"\n\n### Input:\n{entry['output']}"
    return text


EXPECTED_CAUSE = "record's output where its input belongs"
