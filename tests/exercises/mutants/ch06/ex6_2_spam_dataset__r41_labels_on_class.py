# MUTANT: the labels kept on the class (type(self).labels): a second dataset replaces the first's
import pandas as pd
import torch
from torch.utils.data import Dataset


class SpamDataset(Dataset):
    labels = None

    def __init__(self, csv_file, tokenizer, max_length=None, pad_token_id=50256):
        data = pd.read_csv(csv_file)
        type(self).labels = data["Label"].tolist()
        encoded = [tokenizer.encode(t) for t in data["Text"]]
        if max_length is None:
            self.max_length = max(len(ids) for ids in encoded)
        else:
            self.max_length = max_length
            encoded = [ids[:max_length] for ids in encoded]
        n = self.max_length
        self.encoded_texts = [ids + [pad_token_id] * (n - len(ids)) for ids in encoded]

    def __getitem__(self, index):
        return (torch.tensor(self.encoded_texts[index], dtype=torch.long),
                torch.tensor(self.labels[index], dtype=torch.long))

    def __len__(self):
        return len(self.encoded_texts)

EXPECTED_CAUSE = "keeps its data on the CLASS"
