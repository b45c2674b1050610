# MUTANT: tabs in the input are expanded to spaces (str.expandtabs(4))
def format_input(entry):
    instruction_text = (
        "Below is an instruction that describes a task. "
        "Write a response that appropriately completes the request."
        f"\n\n### Instruction:\n{entry['instruction']}"
    )
    given = entry["input"].expandtabs(4)
    input_text = f"\n\n### Input:\n{given}" if given else ""
    return instruction_text + input_text

EXPECTED_CAUSE = "tabs were turned into spaces"
