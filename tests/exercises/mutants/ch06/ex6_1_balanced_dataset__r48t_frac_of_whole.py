# MUTANT: the ham rows drawn with .sample(frac=spam's share of the whole frame): frac is a share
# of the ham rows, so too few are drawn
import pandas as pd

EXPECTED_CAUSE = "frac is a share of the ham rows"


def create_balanced_dataset(df):
    spam = df[df["Label"] == "spam"]
    ham = df[df["Label"] == "ham"]
    share = len(spam) / len(df)  # the spam share of the data
    ham_subset = ham.sample(frac=share, random_state=123)
    return pd.concat([ham_subset, spam])
