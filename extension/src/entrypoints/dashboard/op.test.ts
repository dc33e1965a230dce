import { describe, expect, it } from 'vitest';
import { describeFailure, failureField, OpError, readableMessage } from './op';

describe('server messages as the user reads them', () => {
  it('drops the input path, names the field in words and keeps the field for the page', () => {
    expect(readableMessage('input.outcomeNote: is required when escalating: say what needs deciding')).toEqual({
      field: 'outcomeNote',
      message: 'Outcome note is required when escalating: say what needs deciding',
    });
    expect(readableMessage('input.questions.1.text: must not be empty')).toEqual({ field: 'text', message: 'Text must not be empty' });
    expect(readableMessage('input.dueAt: The due date is in the past')).toEqual({ field: 'dueAt', message: 'The due date is in the past' });
    expect(readableMessage('input: expected an object')).toEqual({ field: null, message: 'Expected an object' });
  });

  it('leaves messages without a path alone', () => {
    expect(readableMessage('The review is already done.')).toEqual({ field: null, message: 'The review is already done.' });
    expect(readableMessage('Not allowed: ask a credit user')).toEqual({ field: null, message: 'Not allowed: ask a credit user' });
  });

  it('describeFailure and failureField read a refusal', () => {
    const refusal = new OpError('input.holdReason: must not be empty', 'rejected', 'BAD_USER_INPUT');
    expect(describeFailure(refusal)).toBe('Hold reason must not be empty');
    expect(failureField(refusal)).toBe('holdReason');
    expect(failureField(new OpError('input.x: y', 'unreachable'))).toBeNull();
    expect(failureField(new Error('input.x: y'))).toBeNull();
  });

  it('names the scope a token lacks, and keeps role refusals in words', () => {
    expect(describeFailure(new OpError('This token lacks the scope signals:write', 'rejected', 'FORBIDDEN'))).toBe('This token lacks the scope signals:write.');
    expect(describeFailure(new OpError('Not allowed', 'rejected', 'FORBIDDEN'))).toBe('Your role does not give access to this.');
  });
});
