# MUTANT: the frame sorted by index before sampling (df.sort_index())
import pandas as pd


def create_balanced_dataset(df):
    df = df.sort_index()
    num_spam = (df["Label"] == "spam").sum()
    ham_subset = df[df["Label"] == "ham"].sample(num_spam, random_state=123)
    return pd.concat([ham_subset, df[df["Label"] == "spam"]])


EXPECTED_CAUSE = 'sorted by index before sampling'
