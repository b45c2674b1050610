# MUTANT: the ham rows drawn with frac=len(spam) // len(ham): the integer division gives 0
import pandas as pd

EXPECTED_CAUSE = "asked for frac=0"


def create_balanced_dataset(df):
    spam = df[df["Label"] == "spam"]
    ham = df[df["Label"] == "ham"]
    ham_subset = ham.sample(frac=len(spam) // len(ham), random_state=123)
    return pd.concat([ham_subset, spam])
