# MUTANT: Windows line endings in the record's text rewritten ('\r\n' -> '\n')
def format_input(entry):
    instruction = entry["instruction"].replace("\r\n", "\n")
    given = entry["input"].replace("\r\n", "\n")
    instruction_text = (
        "Below is an instruction that describes a task. "
        "Write a response that appropriately completes the request."
        f"\n\n### Instruction:\n{instruction}"
    )
    input_text = f"\n\n### Input:\n{given}" if given else ""
    return instruction_text + input_text

EXPECTED_CAUSE = "Windows line endings"
