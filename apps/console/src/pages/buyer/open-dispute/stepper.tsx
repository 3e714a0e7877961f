import { STEPS } from './draft';

/** Where the person is: steps done can be revisited (everything typed stays), later ones wait for Next. */
export function Stepper({ step, onGo }: { step: number; onGo: (step: number) => void }) {
  return (
    <ol className="stepper" aria-label="Steps of the dispute form">
      {STEPS.map((name, index) => (
        <li key={name} className={index < step ? 'done' : index === step ? 'current' : 'later'} aria-current={index === step ? 'step' : undefined}>
          {index < step ? (
            <button type="button" className="quiet" onClick={() => onGo(index)}>
              <span className="number">{index + 1}</span> {name}
              <span className="visually-hidden"> (done, go back)</span>
            </button>
          ) : (
            <span>
              <span className="number">{index + 1}</span> {name}
            </span>
          )}
        </li>
      ))}
    </ol>
  );
}
