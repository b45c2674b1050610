# MUTANT: the instruction and the input .strip()ped before they go into the prompt
EXPECTED_CAUSE = "the instruction and input were stripped"


def format_input(entry):
    instruction_text = (
        "Below is an instruction that describes a task. "
        "Write a response that appropriately completes the request."
        f"\n\n### Instruction:\n{entry['instruction'].strip()}"
    )
    input_text = f"\n\n### Input:\n{entry['input'].strip()}" if entry["input"] else ""
    return instruction_text + input_text
