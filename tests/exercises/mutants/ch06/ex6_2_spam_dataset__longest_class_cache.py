import pandas as pd
import torch
from torch.utils.data import Dataset


class SpamDataset(Dataset):
    longest = None

    def __init__(self, csv_file, tokenizer, max_length=None, pad_token_id=50256):
        self.data = pd.read_csv(csv_file)
        self.encoded_texts = [tokenizer.encode(text) for text in self.data["Text"]]
        if max_length is None:
            if SpamDataset.longest is None:
                SpamDataset.longest = max(len(ids) for ids in self.encoded_texts)
            self.max_length = SpamDataset.longest
        else:
            self.max_length = max_length
            self.encoded_texts = [ids[:max_length] for ids in self.encoded_texts]
        self.encoded_texts = [ids + [pad_token_id] * (self.max_length - len(ids))
                              for ids in self.encoded_texts]

    def __getitem__(self, index):
        label = self.data.iloc[index]["Label"]
        return (torch.tensor(self.encoded_texts[index], dtype=torch.long),
                torch.tensor(label, dtype=torch.long))

    def __len__(self):
        return len(self.data)


EXPECTED_CAUSE = "keeps state between calls"
