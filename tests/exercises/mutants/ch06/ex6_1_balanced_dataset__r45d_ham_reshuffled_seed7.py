# MUTANT: the sampled ham rows shuffled again with another seed (the fallback names the part)
import pandas as pd

EXPECTED_CAUSE = "the right ham rows, reordered after the draw"


def create_balanced_dataset(df):
    num_spam = (df["Label"] == "spam").sum()
    ham_subset = df[df["Label"] == "ham"].sample(num_spam, random_state=123)
    ham_subset = ham_subset.sample(frac=1, random_state=7)
    return pd.concat([ham_subset, df[df["Label"] == "spam"]])
