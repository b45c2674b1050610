# MUTANT: the ham rows left unsampled (frame order) when no more of them than spam rows
import pandas as pd


def create_balanced_dataset(df):
    spam = df[df["Label"] == "spam"]
    ham = df[df["Label"] == "ham"]
    if len(ham) > len(spam):
        ham = ham.sample(len(spam), random_state=123)
    return pd.concat([ham, spam])

EXPECTED_CAUSE = "no `if len(ham) > num_spam` shortcut"
