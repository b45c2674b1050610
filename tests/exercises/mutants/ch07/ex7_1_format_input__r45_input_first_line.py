# MUTANT: only the first line of the input kept (input.split("\\n")[0])
def format_input(entry):
    instruction_text = (
        "Below is an instruction that describes a task. "
        "Write a response that appropriately completes the request."
        f"\n\n### Instruction:\n{entry['instruction']}"
    )
    first_line = entry["input"].split("\n")[0]
    input_text = f"\n\n### Input:\n{first_line}" if entry["input"] else ""
    return instruction_text + input_text


EXPECTED_CAUSE = "keeps only its first 1 line(s)"
