# Correct: str.format templates held as class attributes, len() > 0 test
class AlpacaPrompt:
    header = ("Below is an instruction that describes a task. Write a response that "
              "appropriately completes the request.\n\n### Instruction:\n{instruction}")
    input_part = "\n\n### Input:\n{input}"


def format_input(entry):
    prompt = AlpacaPrompt.header.format(instruction=entry["instruction"])
    if len(entry["input"]) > 0:
        prompt += AlpacaPrompt.input_part.format(input=entry["input"])
    return prompt
