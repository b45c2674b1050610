# MUTANT: the input's surrounding double quotes are stripped (input.strip('"'))
def format_input(entry):
    text = (
        "Below is an instruction that describes a task. "
        "Write a response that appropriately completes the request."
        f"\n\n### Instruction:\n{entry['instruction']}"
    )
    user_input = entry["input"].strip('"')
    if user_input:
        text += f"\n\n### Input:\n{user_input}"
    return text


EXPECTED_CAUSE = "the input's quotes at its edges were stripped"
