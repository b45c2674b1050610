# MUTANT: the instruction's trailing newlines stripped (.rstrip('\n')), its spaces kept
EXPECTED_CAUSE = 'instruction lost its trailing newlines but kept its spaces'


def format_input(entry):
    instruction = entry["instruction"].rstrip("\n")
    instruction_text = (
        "Below is an instruction that describes a task. "
        "Write a response that appropriately completes the request."
        f"\n\n### Instruction:\n{instruction}"
    )
    input_text = f"\n\n### Input:\n{entry['input']}" if entry["input"] else ""
    return instruction_text + input_text
