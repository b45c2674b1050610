# MUTANT: the newline before the input left out when the prompt so far already ends with a
# newline (an empty instruction, or one that ends with '\n')

EXPECTED_CAUSE = "already ends with one; on a probe whose instruction ends with a newline"


def format_input_phi3(entry):
    prompt = "<|user|>\n" + entry["instruction"]
    if entry["input"]:
        sep = "" if prompt.endswith("\n") else "\n"
        prompt += sep + entry["input"]
    return prompt
