// A dialog that only explains: read-only, a refusal, or an error. Any of Esc, Enter or q closes it.
import {dialogKey, keysOf} from '../keys/dialog-keys.js';
import {LAYER, useKeyLayer} from '../keys/dispatcher.js';
import {useSize} from '../context.js';
import type {Tone} from '../theme.js';
import {DialogFrame, Wrapped, dialogWidth} from './dialog-frame.js';

export function NoticeDialog({title, text, tone, onClose}: {title: string; text: string; tone: Tone; onClose: () => void}) {
  const {columns} = useSize();
  const width = dialogWidth(columns, 90);
  useKeyLayer(LAYER.dialog, ({name}) => {
    if (['cancel', 'accept', 'close'].includes(dialogKey(name) ?? '')) onClose();
    return true;
  });
  return (
    <DialogFrame title={title} tone={tone} width={width} keys={`${keysOf('accept')} or ${keysOf('cancel')} to close`}>
      <Wrapped text={text} width={width} tone={tone} />
    </DialogFrame>
  );
}
