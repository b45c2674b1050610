# MUTANT: the label column read by position (df.iloc[:, 0]): a frame whose columns come in
# the order Text, Label keeps no spam row
import pandas as pd

EXPECTED_CAUSE = "reads the labels from a column position"


def create_balanced_dataset(df):
    labels = df.iloc[:, 0]  # the Label column comes first in the data file
    num_spam = (labels == "spam").sum()
    ham_subset = df[labels == "ham"].sample(num_spam, random_state=123)
    return pd.concat([ham_subset, df[labels == "spam"]])
