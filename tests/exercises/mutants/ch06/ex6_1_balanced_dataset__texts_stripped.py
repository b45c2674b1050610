# MUTANT: the texts of the result stripped of surrounding spaces (str.strip())
import pandas as pd


def create_balanced_dataset(df):
    num_spam = (df["Label"] == "spam").sum()
    ham_subset = df[df["Label"] == "ham"].sample(num_spam, random_state=123)
    balanced = pd.concat([ham_subset, df[df["Label"] == "spam"]])
    balanced["Text"] = balanced["Text"].str.strip()
    return balanced

EXPECTED_CAUSE = 'the texts were stripped'
