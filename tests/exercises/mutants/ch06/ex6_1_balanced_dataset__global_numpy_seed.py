# MUTANT: np.random.seed(123) and an unseeded .sample: changes numpy's global generator
import numpy as np
import pandas as pd


def create_balanced_dataset(df):
    np.random.seed(123)
    num_spam = (df["Label"] == "spam").sum()
    ham_subset = df[df["Label"] == "ham"].sample(num_spam)
    return pd.concat([ham_subset, df[df["Label"] == "spam"]])


EXPECTED_CAUSE = 'global random generator'
