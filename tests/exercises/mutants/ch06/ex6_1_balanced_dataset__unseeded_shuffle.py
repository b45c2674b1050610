# MUTANT: the result shuffled again without a seed (sample(frac=1))
import pandas as pd


def create_balanced_dataset(df):
    num_spam = (df["Label"] == "spam").sum()
    ham_subset = df[df["Label"] == "ham"].sample(num_spam, random_state=123)
    return pd.concat([ham_subset, df[df["Label"] == "spam"]]).sample(frac=1)


EXPECTED_CAUSE = 'their order is drawn'
