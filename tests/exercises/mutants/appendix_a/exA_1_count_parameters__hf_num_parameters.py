# MUTANT: model.num_parameters() (a Hugging Face method)
def count_parameters(model):
    return model.num_parameters(only_trainable=True)


EXPECTED_CAUSE = "a method of Hugging Face models"
