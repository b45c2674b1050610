# MUTANT: ham rows picked back out of the frame with an isin mask, which keeps the frame's order
import pandas as pd


def create_balanced_dataset(df):
    num_spam = (df["Label"] == "spam").sum()
    ham = df[df["Label"] == "ham"]
    chosen = ham.sample(num_spam, random_state=123).index
    ham_subset = ham[ham.index.isin(chosen)]
    return pd.concat([ham_subset, df[df["Label"] == "spam"]])

EXPECTED_CAUSE = "in the FRAME's order, not in .sample's"
