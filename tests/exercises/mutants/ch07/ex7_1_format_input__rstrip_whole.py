# MUTANT: the whole prompt is .rstrip()-ed: the input's trailing whitespace is lost
def format_input(entry):
    prompt = (
        "Below is an instruction that describes a task. "
        "Write a response that appropriately completes the request."
        f"\n\n### Instruction:\n{entry['instruction']}"
    )
    if entry["input"]:
        prompt += f"\n\n### Input:\n{entry['input']}"
    return prompt.rstrip()


EXPECTED_CAUSE = 'end of the prompt was stripped'
