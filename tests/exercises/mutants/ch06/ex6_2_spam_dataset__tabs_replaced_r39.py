# MUTANT: tabs in a message replaced by spaces before encoding
import pandas as pd
import torch
from torch.utils.data import Dataset


class SpamDataset(Dataset):
    """Token ids of each message padded (or cut) to one length, with its 0/1 label.

    ``csv_file`` is a CSV with columns ``Text`` and ``Label`` (0 or 1). ``max_length=None`` pads
    every message to the longest one; an int keeps the first ``max_length`` ids of longer
    messages. Padding (``pad_token_id``) goes after the message. ``dataset[i]`` is
    ``(input_ids, label)``, both ``torch.long``.
    """

    def __init__(self, csv_file, tokenizer, max_length=None, pad_token_id=50256):
        self.data = pd.read_csv(csv_file)
        self.encoded_texts = [tokenizer.encode(text.replace("\t", " "))
                              for text in self.data["Text"]]
        if max_length is None:
            self.max_length = max(len(ids) for ids in self.encoded_texts)
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

EXPECTED_CAUSE = 'a tab inside a message was changed'
