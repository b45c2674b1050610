# MUTANT: the input's leading newlines stripped (.lstrip('\n')), its spaces kept
EXPECTED_CAUSE = 'input lost its leading newlines but kept its spaces'


def format_input(entry):
    instruction_text = (
        "Below is an instruction that describes a task. "
        "Write a response that appropriately completes the request."
        f"\n\n### Instruction:\n{entry['instruction']}"
    )
    input_text = f"\n\n### Input:\n{entry['input'].lstrip(chr(10))}" if entry["input"] else ""
    return instruction_text + input_text
