# MUTANT: '###' removed from the input text (a guard against headers inside the record)
EXPECTED_CAUSE = "Markdown heading in the record's text were removed"


def format_input(entry):
    instruction_text = (
        "Below is an instruction that describes a task. "
        "Write a response that appropriately completes the request."
        f"\n\n### Instruction:\n{entry['instruction']}"
    )
    text = entry["input"].replace("###", "")
    input_text = f"\n\n### Input:\n{text}" if entry["input"] else ""
    return instruction_text + input_text
